using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Persistence.Migrations;

/// <summary>
/// The occurrence ledger: each due instant of a job and what became of it. On PostgreSQL a member's request reads only
/// its tenant's entries; only the scheduler writes them.
/// </summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261201100100_OccurrenceLedger")]
public sealed class OccurrenceLedger : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var instant = SchedulerDbContext.InstantColumnType(migrationBuilder.ActiveProvider);

        migrationBuilder.CreateTable(
            name: "job_occurrences",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                job_id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<string>(maxLength: 64, nullable: false),
                due_at = table.Column<DateTimeOffset>(type: instant, nullable: false),
                fate = table.Column<string>(maxLength: 16, nullable: false),
                run_id = table.Column<Guid>(nullable: true),
                detail = table.Column<string>(nullable: true),
                backfill = table.Column<bool>(nullable: false),
                recorded_at = table.Column<DateTimeOffset>(type: instant, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_job_occurrences", x => x.id));
        migrationBuilder.CreateIndex(name: "ix_job_occurrences_job", table: "job_occurrences", columns: ["job_id", "due_at", "id"]);

        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql($"""
                GRANT SELECT ON job_occurrences TO {TenantConnectionInterceptor.Role};
                ALTER TABLE job_occurrences ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON job_occurrences TO {TenantConnectionInterceptor.Role}
                    USING (tenant_id = current_setting('{TenantConnectionInterceptor.Setting}', true));
                """);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "job_occurrences");
    }
}
