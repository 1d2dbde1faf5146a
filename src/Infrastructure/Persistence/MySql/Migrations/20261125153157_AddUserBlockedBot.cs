using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanBot.Infrastructure.Persistence.MySql.Migrations
{
    /// <inheritdoc />
    public partial class AddUserBlockedBot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "BlockedBotAt",
                table: "Users",
                type: "datetime(6)",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BlockedBotAt",
                table: "Users");
        }
    }
}
