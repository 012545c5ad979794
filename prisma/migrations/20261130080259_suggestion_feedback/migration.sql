-- CreateTable
CREATE TABLE "SentTemplateExample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "templateId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SentTemplateExample_createdAt_idx" ON "SentTemplateExample"("createdAt");
