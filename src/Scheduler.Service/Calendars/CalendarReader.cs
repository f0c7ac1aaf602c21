using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Calendars;

/// <summary>Reads a tenant's calendar by name from the store, in the caller's transaction, for a decision to apply.</summary>
public sealed class CalendarReader(SchedulerDbContext db)
{
    /// <summary>The calendar's rules; null when <paramref name="name"/> is null or the tenant has no calendar of that name.</summary>
    public async Task<CalendarRules?> ReadAsync(string? tenantId, string? name, CancellationToken cancellationToken)
    {
        if (tenantId is null || name is null || name.Contains('\0', StringComparison.Ordinal))
            return null;

        var calendar = await db.Calendars.AsNoTracking().SingleOrDefaultAsync(c => c.TenantId == tenantId && c.Name == name, cancellationToken);
        return calendar is null ? null : CalendarRules.FromStored(calendar);
    }
}
