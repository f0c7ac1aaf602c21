using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Calendars;

/// <summary>Which jobs name a calendar: a calendar in use is not deleted.</summary>
public static class CalendarUsage
{
    /// <summary>
    /// How many of the tenant's jobs still to run (not deleted, not completed, not cancelled) name
    /// <paramref name="name"/> in their schedule.
    /// </summary>
    public static async Task<int> JobsUsingAsync(SchedulerDbContext db, string tenantId, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);

        // The schedule is a JSON column; each database reads a field of it in its own words.
        var calendar = db.Database.IsNpgsql() ? "schedule->>'calendar'" : "json_extract(schedule, '$.calendar')";
        var sql = $$"""
            SELECT count(*) AS "Value" FROM jobs
            WHERE tenant_id = {0} AND deleted_at IS NULL AND current_state NOT IN ({{(int)JobStatus.Completed}}, {{(int)JobStatus.Cancelled}})
              AND {{calendar}} = {1}
            """;
        return await db.Database.SqlQueryRaw<int>(sql, tenantId, name).SingleAsync(cancellationToken);
    }
}
