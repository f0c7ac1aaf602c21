using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Scheduler.Service.Persistence.Migrations;

/// <summary>
/// A job's stable name (<see cref="Lifecycle.JobState.Key"/>): unique per tenant among the jobs not deleted, so two
/// concurrent upserts of one key make one job (the second one's insert fails and it is replayed as an update).
/// </summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261201200000_JobKeys")]
public sealed class JobKeys : Migration
{
    public const string IndexName = "ix_jobs_tenant_key";

    /// <summary>A deleted job gives its key up, so that a new job may take it.</summary>
    public const string IndexFilter = "job_key IS NOT NULL AND deleted_at IS NULL";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>(name: "job_key", table: "jobs", maxLength: 200, nullable: true);
        migrationBuilder.CreateIndex(name: IndexName, table: "jobs", columns: ["tenant_id", "job_key"], unique: true, filter: IndexFilter);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: IndexName, table: "jobs");
        migrationBuilder.DropColumn(name: "job_key", table: "jobs");
    }
}
