using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Scheduler.Service.Persistence.Migrations;

/// <summary>A one-shot job's run written ahead to its handler's queue (see <see cref="Lifecycle.JobState.ArmedRunId"/>).</summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261122170000_ArmedRuns")]
public sealed class ArmedRuns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<Guid>(name: "armed_run_id", table: "jobs", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "armed_run_id", table: "jobs");
    }
}
