using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Scheduler.Service.Persistence.Migrations;

/// <summary>
/// A pause that ends by itself and says why (<see cref="Lifecycle.JobState.PausedUntil"/>, its reason and the token of
/// the due message that ends it). The status <c>disabled</c> is a new state index and needs no column.
/// </summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261201200100_JobHolds")]
public sealed class JobHolds : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var instant = SchedulerDbContext.InstantColumnType(migrationBuilder.ActiveProvider);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "paused_until", table: "jobs", type: instant, nullable: true);
        migrationBuilder.AddColumn<string>(name: "pause_reason", table: "jobs", maxLength: 500, nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "pause_token_id", table: "jobs", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "pause_token_id", table: "jobs");
        migrationBuilder.DropColumn(name: "pause_reason", table: "jobs");
        migrationBuilder.DropColumn(name: "paused_until", table: "jobs");
    }
}
