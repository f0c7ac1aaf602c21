using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Scheduler.Service.Persistence.Migrations;

/// <summary>A job's optional <c>alertAfter</c>: how long a run may go on before it raises <c>JobRunOverdue</c>.</summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261201020000_RunAlerts")]
public sealed class RunAlerts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<TimeSpan>(name: "alert_after", table: "jobs", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "alert_after", table: "jobs");
    }
}
