using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanBot.Infrastructure.Persistence.MySql.Migrations
{
    /// <inheritdoc />
    public partial class AddUserPersonaAndChosenLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChosenLanguage",
                table: "Users",
                type: "varchar(8)",
                maxLength: 8,
                nullable: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "Persona",
                table: "Users",
                type: "varchar(16)",
                maxLength: 16,
                nullable: false,
                // Everyone who wrote before personas existed was talking to the assistant.
                defaultValue: "assistant",
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChosenLanguage",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "Persona",
                table: "Users");
        }
    }
}
