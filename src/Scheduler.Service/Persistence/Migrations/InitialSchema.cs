using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Scheduler.Service.Persistence.Migrations;

/// <summary>
/// Jobs, runs and audit trail. Written by hand (the EF design package is not available here);
/// column names and types must match the maps in <see cref="Persistence"/>, which the integration
/// tests exercise on every run.
/// </summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261122090000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var json = migrationBuilder.IsNpgsql() ? "jsonb" : null;
        var instant = SchedulerDbContext.InstantColumnType(migrationBuilder.ActiveProvider);

        migrationBuilder.CreateTable(
            name: "jobs",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                current_state = table.Column<int>(nullable: false),
                tenant_id = table.Column<string>(maxLength: 64, nullable: false),
                name = table.Column<string>(maxLength: 200, nullable: false),
                handler = table.Column<string>(maxLength: 64, nullable: false),
                payload = table.Column<string>(type: json, nullable: true),
                schedule = table.Column<string>(type: json, nullable: true),
                priority = table.Column<string>(maxLength: 16, nullable: false),
                retry = table.Column<string>(type: json, nullable: true),
                timeout = table.Column<TimeSpan>(nullable: true),
                concurrency = table.Column<string>(type: json, nullable: true),
                misfire = table.Column<string>(type: json, nullable: true),
                idempotency_key = table.Column<string>(maxLength: 200, nullable: true),
                metadata = table.Column<string>(type: json, nullable: true),
                created_at = table.Column<DateTimeOffset>(type: instant, nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: instant, nullable: false),
                last_run_at = table.Column<DateTimeOffset>(type: instant, nullable: true),
                next_run_at = table.Column<DateTimeOffset>(type: instant, nullable: true),
                run_count = table.Column<int>(nullable: false),
                failure_count = table.Column<int>(nullable: false),
                current_run_id = table.Column<Guid>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_jobs", x => x.id));

        migrationBuilder.CreateIndex(
            name: "ix_jobs_tenant_idempotency_key", table: "jobs", columns: ["tenant_id", "idempotency_key"],
            unique: true, filter: "idempotency_key IS NOT NULL");
        migrationBuilder.CreateIndex(name: "ix_jobs_tenant_state", table: "jobs", columns: ["tenant_id", "current_state"]);

        migrationBuilder.CreateTable(
            name: "job_runs",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                job_id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<string>(maxLength: 64, nullable: false),
                attempt = table.Column<int>(nullable: false),
                status = table.Column<string>(maxLength: 16, nullable: false),
                scheduled_for = table.Column<DateTimeOffset>(type: instant, nullable: false),
                created_at = table.Column<DateTimeOffset>(type: instant, nullable: false),
                started_at = table.Column<DateTimeOffset>(type: instant, nullable: true),
                completed_at = table.Column<DateTimeOffset>(type: instant, nullable: true),
                duration_ms = table.Column<long>(nullable: true),
                error_category = table.Column<string>(maxLength: 16, nullable: true),
                error_message = table.Column<string>(nullable: true),
                result = table.Column<string>(type: json, nullable: true),
                host = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_job_runs", x => x.id));

        migrationBuilder.CreateIndex(name: "ix_job_runs_job_created", table: "job_runs", columns: ["job_id", "created_at"]);

        migrationBuilder.CreateTable(
            name: "job_audit",
            columns: table => new
            {
                id = table.Column<long>(nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)
                    .Annotation("Sqlite:Autoincrement", true),
                job_id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<string>(maxLength: 64, nullable: false),
                at = table.Column<DateTimeOffset>(type: instant, nullable: false),
                @event = table.Column<string>(name: "event", maxLength: 64, nullable: false),
                actor = table.Column<string>(maxLength: 200, nullable: false),
                from_status = table.Column<string>(maxLength: 16, nullable: true),
                to_status = table.Column<string>(maxLength: 16, nullable: false),
                run_id = table.Column<Guid>(nullable: true),
                detail = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_job_audit", x => x.id));

        migrationBuilder.CreateIndex(name: "ix_job_audit_job", table: "job_audit", columns: ["job_id", "id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "job_audit");
        migrationBuilder.DropTable(name: "job_runs");
        migrationBuilder.DropTable(name: "jobs");
    }
}
