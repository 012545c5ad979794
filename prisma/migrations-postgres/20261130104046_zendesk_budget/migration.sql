-- CreateTable
CREATE TABLE "ZendeskRateWindow" (
    "account" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "used" INTEGER NOT NULL,
    "pausedUntil" TIMESTAMP(3),
    "contendedUntil" TIMESTAMP(3),

    CONSTRAINT "ZendeskRateWindow_pkey" PRIMARY KEY ("account")
);
