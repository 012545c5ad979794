-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "unassignedSince" TIMESTAMP(3);
