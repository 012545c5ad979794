import type { DraftTemplate } from '../domain/drafting/draft.ts';

/** A few reply templates the sandbox puts into its template store (for the demo and tests). */
export const sandboxTemplates: DraftTemplate[] = [
  {
    id: 'tpl-upload-android',
    title: '写真のアップロードエラー（Android）',
    path: 'Photos/Upload',
    body: 'お問い合わせいただきありがとうございます。\nAndroid版アプリで写真をアップロードできない件について、ご不便をおかけして申し訳ございません。\nお手数ですが、アプリを最新版に更新のうえ、もう一度お試しいただけましたら幸いです。',
  },
  {
    id: 'tpl-upload-storage',
    title: '写真のアップロード：端末の空き容量',
    path: 'Photos/Upload',
    body: '端末の空き容量が少ないと、アップロードが途中で止まることがございます。\n設定アプリから空き容量をご確認いただけますでしょうか。',
  },
  {
    id: 'tpl-closing',
    title: '結びの挨拶',
    path: 'Common/Closing',
    body: '今後ともどうぞよろしくお願いいたします。\nご不明な点がございましたら、改めてお気軽にお問い合わせください。',
  },
  {
    id: 'tpl-refund',
    title: '返金のご案内',
    path: 'Billing/Refund',
    body: 'ご請求について確認いたしました。\n返金のお手続きを進めますので、3〜5営業日ほどお待ちいただけますでしょうか。',
  },
  {
    id: 'tpl-password-reset',
    title: 'Password reset',
    path: 'Account/Login',
    body: 'You can reset your password from the login screen: tap "Forgot password" and follow the e-mail we send you.',
  },
];
