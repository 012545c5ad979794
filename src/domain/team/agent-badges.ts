/**
 * Each agent's badge: a colour (shown as its coloured square) and an animal emoji, chosen once when yorisoi
 * first shows the agent and kept in the database. The n-th agent gets colour n mod 8 and animal n mod 20, so
 * the first 40 agents all differ in at least one of the two and a team of up to 8 differs in both.
 */
export const AGENT_COLOURS = [
  'blue',
  'orange',
  'green',
  'purple',
  'red',
  'yellow',
  'brown',
  'black',
] as const;
export type AgentColour = (typeof AGENT_COLOURS)[number];

/** Slack's coloured squares, one per palette colour. */
export const COLOUR_SQUARES: Record<AgentColour, string> = {
  blue: ':large_blue_square:',
  orange: ':large_orange_square:',
  green: ':large_green_square:',
  purple: ':large_purple_square:',
  red: ':large_red_square:',
  yellow: ':large_yellow_square:',
  brown: ':large_brown_square:',
  black: ':black_large_square:',
};

export const AGENT_EMOJIS = [
  ':fox_face:',
  ':cat:',
  ':dog:',
  ':panda_face:',
  ':rabbit:',
  ':bear:',
  ':koala:',
  ':tiger:',
  ':penguin:',
  ':owl:',
  ':frog:',
  ':hamster:',
  ':monkey_face:',
  ':lion_face:',
  ':unicorn_face:',
  ':whale:',
  ':octopus:',
  ':turtle:',
  ':hedgehog:',
  ':otter:',
] as const;

export function pickBadge(existing: number): { emoji: string; colour: AgentColour } {
  const n = Math.max(0, Math.floor(existing));
  return {
    emoji: AGENT_EMOJIS[n % AGENT_EMOJIS.length] ?? ':bust_in_silhouette:',
    colour: AGENT_COLOURS[n % AGENT_COLOURS.length] ?? 'blue',
  };
}

/** The square of a stored colour (a colour no longer in the palette shows as white). */
export function colourSquare(colour: string): string {
  return COLOUR_SQUARES[colour as AgentColour] ?? ':white_large_square:';
}

/** The badge as shown in Slack text: the colour's square, then the animal (`:large_blue_square: :fox_face:`). */
export function badgeText(badge: { emoji: string; colour: string }): string {
  return `${colourSquare(badge.colour)} ${badge.emoji}`;
}
