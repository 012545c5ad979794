/**
 * `GET /_sim/`: what the control API offers, so a person who opens the sandbox's URL sees where to go.
 * Paths are relative to the simulators' base URL; `:id` is a view, ticket or user id.
 */
export const controlIndex = {
  about:
    'yorisoi sandbox: loopback Slack and Zendesk simulators. Slack Web API at /api/<method>, Zendesk API at /api/v2/…, this control API at /_sim/.',
  example:
    'curl -X POST $BASE/_sim/zendesk/tickets -H "content-type: application/json" -d \'{"subject":"ログインできません","body":"パスワードを忘れました","requester":{"email":"hanako@example.com","name":"山田 花子"}}\'',
  slack: [
    'GET  /_sim/slack/messages?channel=C0SUPPORT   messages (and thread replies) in a channel',
    'GET  /_sim/slack/views?user=U0AGENT1           open modals of a user',
    'POST /_sim/slack/views/:id/submit              submit a modal {user, values}',
    'POST /_sim/slack/views/:id/close               close a modal {user}',
    'POST /_sim/slack/commands                      run a slash command {user, channel, command, text}',
    'POST /_sim/slack/actions                       click a button {user, channel, message_ts | view_id, action_id}',
    'POST /_sim/slack/shortcuts                     run a shortcut',
    'POST /_sim/slack/user-messages                 a person writes in a channel or thread',
    'GET  /_sim/slack/users · ephemerals · responses · files · calls · home · status',
    'POST /_sim/slack/faults · rate · latency {min_ms, max_ms} · channels · events · socket/disconnect · reset',
  ],
  zendesk: [
    'POST /_sim/zendesk/tickets                     a customer opens a ticket {subject, body, requester, brand?, tags?}',
    'GET  /_sim/zendesk/tickets[/:id]               tickets with their comments',
    'POST /_sim/zendesk/tickets/:id/customer-reply  the customer writes again {body}',
    'GET  /_sim/zendesk/users · webhook-deliveries · calls · clock · latency',
    'POST /_sim/zendesk/faults · rate · latency {p50_ms, p99_ms} · clock · webhooks/drop · users/merge · settled',
    'DELETE /_sim/zendesk/faults',
  ],
  stop: 'Ctrl-C (SIGINT) or SIGTERM stops the sandbox; its database is started fresh on the next run.',
} as const;
