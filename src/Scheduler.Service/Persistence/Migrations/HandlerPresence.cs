using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Persistence.Migrations;

/// <summary>The handlers consumer hosts announce, where and since when; a run's latest progress report.</summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261122150000_HandlerPresence")]
public sealed class HandlerPresence : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var json = migrationBuilder.IsNpgsql() ? "jsonb" : null;
        var instant = SchedulerDbContext.InstantColumnType(migrationBuilder.ActiveProvider);

        migrationBuilder.CreateTable(
            name: "handler_hosts",
            columns: table => new
            {
                handler = table.Column<string>(maxLength: 64, nullable: false),
                host = table.Column<string>(maxLength: 200, nullable: false),
                queue = table.Column<string>(maxLength: 200, nullable: false),
                concurrency = table.Column<int>(nullable: false),
                payload_schema = table.Column<string>(type: json, nullable: true),
                heartbeat_interval = table.Column<TimeSpan>(nullable: false),
                started_at = table.Column<DateTimeOffset>(type: instant, nullable: false),
                first_seen_at = table.Column<DateTimeOffset>(type: instant, nullable: false),
                last_seen_at = table.Column<DateTimeOffset>(type: instant, nullable: false),
                stopped_at = table.Column<DateTimeOffset>(type: instant, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_handler_hosts", x => new { x.handler, x.host }));

        migrationBuilder.AddColumn<double>(name: "progress", table: "job_runs", nullable: true);
        migrationBuilder.AddColumn<string>(name: "progress_message", table: "job_runs", maxLength: 1000, nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "progress_at", table: "job_runs", type: instant, nullable: true);

        // Handlers are not a tenant's: every key may see them.
        if (migrationBuilder.IsNpgsql())
            migrationBuilder.Sql($"GRANT SELECT ON handler_hosts TO {TenantConnectionInterceptor.Role};");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "progress_at", table: "job_runs");
        migrationBuilder.DropColumn(name: "progress_message", table: "job_runs");
        migrationBuilder.DropColumn(name: "progress", table: "job_runs");
        migrationBuilder.DropTable(name: "handler_hosts");
    }
}
