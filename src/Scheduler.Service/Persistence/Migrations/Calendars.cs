using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Persistence.Migrations;

/// <summary>
/// Tenants' named calendars. On PostgreSQL under row-level security like the jobs: a member's request (role
/// <c>scheduler_tenant</c>) reads and writes only its tenant's calendars, since the API writes them directly.
/// </summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261201100000_Calendars")]
public sealed class Calendars : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var json = migrationBuilder.IsNpgsql() ? "jsonb" : null;
        var instant = SchedulerDbContext.InstantColumnType(migrationBuilder.ActiveProvider);

        migrationBuilder.CreateTable(
            name: "calendars",
            columns: table => new
            {
                tenant_id = table.Column<string>(maxLength: 64, nullable: false),
                name = table.Column<string>(maxLength: 64, nullable: false),
                definition = table.Column<string>(type: json, nullable: false),
                created_at = table.Column<DateTimeOffset>(type: instant, nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: instant, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_calendars", x => new { x.tenant_id, x.name }));

        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql($"""
                GRANT SELECT, INSERT, UPDATE, DELETE ON calendars TO {TenantConnectionInterceptor.Role};
                ALTER TABLE calendars ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON calendars TO {TenantConnectionInterceptor.Role}
                    USING (tenant_id = current_setting('{TenantConnectionInterceptor.Setting}', true))
                    WITH CHECK (tenant_id = current_setting('{TenantConnectionInterceptor.Setting}', true));
                """);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "calendars");
    }
}
