using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Scheduler.Service.Persistence.Migrations;

/// <summary>The message scheduler's due table and the scheduler-wide pause switch; jobs learn their last handled occurrence.</summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261122100000_DueTable")]
public sealed class DueTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var json = migrationBuilder.IsNpgsql() ? "jsonb" : null;
        var instant = SchedulerDbContext.InstantColumnType(migrationBuilder.ActiveProvider);

        migrationBuilder.CreateTable(
            name: "due_messages",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                schedule_id = table.Column<string>(maxLength: 200, nullable: true),
                schedule_group = table.Column<string>(maxLength: 200, nullable: true),
                due_at = table.Column<DateTimeOffset>(type: instant, nullable: false),
                occurrence_at = table.Column<DateTimeOffset>(type: instant, nullable: false),
                destination = table.Column<string>(nullable: false),
                message_type = table.Column<string>(nullable: false),
                content_type = table.Column<string>(maxLength: 200, nullable: false),
                body = table.Column<string>(nullable: false),
                headers = table.Column<string>(type: json, nullable: true),
                expression = table.Column<string>(maxLength: 1000, nullable: true),
                time_zone = table.Column<string>(maxLength: 100, nullable: true),
                start_at = table.Column<DateTimeOffset>(type: instant, nullable: true),
                end_at = table.Column<DateTimeOffset>(type: instant, nullable: true),
                jitter = table.Column<TimeSpan>(nullable: true),
                skip_missed = table.Column<bool>(nullable: false),
                paused = table.Column<bool>(nullable: false),
                created_at = table.Column<DateTimeOffset>(type: instant, nullable: false),
                last_sent_at = table.Column<DateTimeOffset>(type: instant, nullable: true),
                sent_count = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_due_messages", x => x.id));

        migrationBuilder.CreateIndex(name: "ix_due_messages_due", table: "due_messages", column: "due_at", filter: "NOT paused");
        migrationBuilder.CreateIndex(name: "ix_due_messages_schedule", table: "due_messages", columns: ["schedule_group", "schedule_id"],
            unique: true, filter: "schedule_id IS NOT NULL");

        migrationBuilder.CreateTable(
            name: "scheduler_switch",
            columns: table => new
            {
                id = table.Column<int>(nullable: false),
                paused = table.Column<bool>(nullable: false),
                changed_at = table.Column<DateTimeOffset>(type: instant, nullable: false),
                changed_by = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_scheduler_switch", x => x.id));

        migrationBuilder.AddColumn<Guid>(name: "due_token_id", table: "jobs", nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "last_occurrence_at", table: "jobs", type: instant, nullable: true);
        migrationBuilder.AddColumn<int>(name: "active_runs", table: "jobs", nullable: false, defaultValue: 0);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "active_runs", table: "jobs");
        migrationBuilder.DropColumn(name: "last_occurrence_at", table: "jobs");
        migrationBuilder.DropColumn(name: "due_token_id", table: "jobs");
        migrationBuilder.DropTable(name: "scheduler_switch");
        migrationBuilder.DropTable(name: "due_messages");
    }
}
