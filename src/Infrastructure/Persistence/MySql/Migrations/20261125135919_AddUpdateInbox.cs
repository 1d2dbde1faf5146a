using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanBot.Infrastructure.Persistence.MySql.Migrations
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
                    UpdateId = table.Column<long>(type: "bigint", nullable: false),
                    ChatKey = table.Column<long>(type: "bigint", nullable: false),
                    Payload = table.Column<string>(type: "longtext", nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    ReceivedAt = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    HandledAt = table.Column<DateTime>(type: "datetime(6)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxUpdates", x => x.UpdateId);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

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
