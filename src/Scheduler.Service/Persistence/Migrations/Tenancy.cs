using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Persistence.Migrations;

/// <summary>
/// API keys (hashed), a soft-delete mark on jobs, and on PostgreSQL row-level security: a connection in the role
/// <c>scheduler_tenant</c> reads only the jobs, runs and audit entries of the tenant in its <c>scheduler.tenant</c>
/// setting. The scheduler's own connections (the tables' owner) are not restricted.
/// </summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261122140000_Tenancy")]
public sealed class Tenancy : Migration
{
    static readonly string[] TenantTables = ["jobs", "job_runs", "job_audit"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var instant = SchedulerDbContext.InstantColumnType(migrationBuilder.ActiveProvider);

        migrationBuilder.CreateTable(
            name: "api_keys",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<string>(maxLength: 64, nullable: false),
                role = table.Column<string>(maxLength: 16, nullable: false),
                name = table.Column<string>(maxLength: 200, nullable: false),
                secret_hash = table.Column<string>(maxLength: 64, nullable: false),
                prefix = table.Column<string>(maxLength: 16, nullable: false),
                created_at = table.Column<DateTimeOffset>(type: instant, nullable: false),
                revoked_at = table.Column<DateTimeOffset>(type: instant, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_api_keys", x => x.id));
        migrationBuilder.CreateIndex(name: "ix_api_keys_secret_hash", table: "api_keys", column: "secret_hash", unique: true);

        migrationBuilder.AddColumn<DateTimeOffset>(name: "deleted_at", table: "jobs", type: instant, nullable: true);

        if (!migrationBuilder.IsNpgsql())
            return;

        // Roles belong to the cluster, so several scheduler databases share this one; creating it races with them.
        migrationBuilder.Sql($"""
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{TenantConnectionInterceptor.Role}') THEN
                    CREATE ROLE {TenantConnectionInterceptor.Role} NOLOGIN;
                END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;
            DO $$
            BEGIN
                IF NOT pg_has_role(current_user, '{TenantConnectionInterceptor.Role}', 'MEMBER') THEN
                    EXECUTE format('GRANT {TenantConnectionInterceptor.Role} TO %I', current_user);
                END IF;
            END $$;
            """);
        foreach (var table in TenantTables)
        {
            migrationBuilder.Sql($"""
                GRANT SELECT ON {table} TO {TenantConnectionInterceptor.Role};
                ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON {table} TO {TenantConnectionInterceptor.Role}
                    USING (tenant_id = current_setting('{TenantConnectionInterceptor.Setting}', true));
                """);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.IsNpgsql())
        {
            foreach (var table in TenantTables)
            {
                migrationBuilder.Sql($"""
                    DROP POLICY IF EXISTS tenant_isolation ON {table};
                    ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
                    REVOKE SELECT ON {table} FROM {TenantConnectionInterceptor.Role};
                    """);
            }
        }

        migrationBuilder.DropColumn(name: "deleted_at", table: "jobs");
        migrationBuilder.DropTable(name: "api_keys");
    }
}
