-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "unassignedSince" DATETIME;
