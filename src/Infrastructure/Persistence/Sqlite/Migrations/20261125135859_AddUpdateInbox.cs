using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanBot.Infrastructure.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddUpdateInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InboxUpdates",
                columns: table => new
                {
                    UpdateId = table.Column<long>(type: "INTEGER", nullable: false),
                    ChatKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HandledAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxUpdates", x => x.UpdateId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InboxUpdates_HandledAt_ChatKey_UpdateId",
                table: "InboxUpdates",
                columns: new[] { "HandledAt", "ChatKey", "UpdateId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboxUpdates");
        }
    }
}
