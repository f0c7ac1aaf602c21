using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Scheduler.Service.Persistence.Migrations;

/// <summary>
/// Retries, dead letters and concurrency: a run learns when it is due and sent and which dead letter it replays;
/// a job keeps the occurrences waiting for a slot and how its latest occurrence ended.
/// </summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261122130000_RunPolicies")]
public sealed class RunPolicies : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var json = migrationBuilder.IsNpgsql() ? "jsonb" : null;
        var instant = SchedulerDbContext.InstantColumnType(migrationBuilder.ActiveProvider);

        migrationBuilder.AddColumn<DateTimeOffset>(name: "due_at", table: "job_runs", type: instant, nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "sent_at", table: "job_runs", type: instant, nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "replay_of", table: "job_runs", nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "replayed_by", table: "job_runs", nullable: true);
        migrationBuilder.CreateIndex(name: "ix_job_runs_status_completed", table: "job_runs", columns: ["status", "completed_at"]);
        migrationBuilder.CreateIndex(name: "ix_job_runs_tenant_created", table: "job_runs", columns: ["tenant_id", "created_at"]);

        migrationBuilder.AddColumn<string>(name: "queued_occurrences", table: "jobs", type: json, nullable: true);
        migrationBuilder.AddColumn<string>(name: "last_run_status", table: "jobs", maxLength: 16, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "last_run_status", table: "jobs");
        migrationBuilder.DropColumn(name: "queued_occurrences", table: "jobs");
        migrationBuilder.DropIndex(name: "ix_job_runs_tenant_created", table: "job_runs");
        migrationBuilder.DropIndex(name: "ix_job_runs_status_completed", table: "job_runs");
        migrationBuilder.DropColumn(name: "replayed_by", table: "job_runs");
        migrationBuilder.DropColumn(name: "replay_of", table: "job_runs");
        migrationBuilder.DropColumn(name: "sent_at", table: "job_runs");
        migrationBuilder.DropColumn(name: "due_at", table: "job_runs");
    }
}
