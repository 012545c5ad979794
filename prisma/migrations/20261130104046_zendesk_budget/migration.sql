-- CreateTable
CREATE TABLE "ZendeskRateWindow" (
    "account" TEXT NOT NULL PRIMARY KEY,
    "windowStart" DATETIME NOT NULL,
    "used" INTEGER NOT NULL,
    "pausedUntil" DATETIME,
    "contendedUntil" DATETIME
);
