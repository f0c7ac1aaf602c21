using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Scheduler.Service.Persistence.Migrations;

/// <summary>
/// Follow-up jobs: the definitions a job schedules when an occurrence ends succeeded or faulted, and on a follow-up the
/// job and run that scheduled it (indexed, to list a job's follow-ups).
/// </summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261201200200_JobFollowUps")]
public sealed class JobFollowUps : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var json = migrationBuilder.IsNpgsql() ? "jsonb" : null;
        migrationBuilder.AddColumn<string>(name: "on_success", table: "jobs", type: json, nullable: true);
        migrationBuilder.AddColumn<string>(name: "on_failure", table: "jobs", type: json, nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "parent_job_id", table: "jobs", nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "parent_run_id", table: "jobs", nullable: true);
        migrationBuilder.CreateIndex(name: "ix_jobs_tenant_parent", table: "jobs", columns: ["tenant_id", "parent_job_id"],
            filter: "parent_job_id IS NOT NULL");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: "ix_jobs_tenant_parent", table: "jobs");
        migrationBuilder.DropColumn(name: "parent_run_id", table: "jobs");
        migrationBuilder.DropColumn(name: "parent_job_id", table: "jobs");
        migrationBuilder.DropColumn(name: "on_failure", table: "jobs");
        migrationBuilder.DropColumn(name: "on_success", table: "jobs");
    }
}
