using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanBot.Infrastructure.Persistence.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Persona",
                table: "Users",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                // Everyone who wrote before personas existed was talking to the assistant.
                defaultValue: "assistant");
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
