-- AlterTable
ALTER TABLE "Inbox" ADD COLUMN     "followUp" TEXT NOT NULL DEFAULT 'broadcast';
