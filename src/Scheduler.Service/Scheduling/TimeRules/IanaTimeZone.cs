using System.Diagnostics.CodeAnalysis;

namespace Scheduler.Service.Scheduling.TimeRules;

/// <summary>Looks up the IANA time zones that cron and recurrence rules are read in.</summary>
internal static class IanaTimeZone
{
    /// <summary>The zone of a rule that names none.</summary>
    public static TimeZoneInfo Default => TimeZoneInfo.Utc;

    /// <summary>The zone for an IANA id (case-insensitive), or a reason for a person when there is none.</summary>
    public static bool TryFind(string id, [NotNullWhen(true)] out TimeZoneInfo? zone, [NotNullWhen(false)] out string? reason)
    {
        zone = null;
        reason = $"'{id}' is not a known IANA time zone, such as Europe/Berlin or America/New_York";
        if (string.IsNullOrWhiteSpace(id))
        {
            reason = "must be an IANA time zone such as Europe/Berlin, or be left out for UTC";
            return false;
        }

        TimeZoneInfo found;
        try
        {
            found = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }

        // The runtime also finds Windows ids ("W. Europe Standard Time"); stored rules and other services speak IANA only.
        if (!found.HasIanaId)
        {
            reason = TimeZoneInfo.TryConvertWindowsIdToIanaId(found.Id, out var iana)
                ? $"'{id}' is a Windows time zone id; use the IANA id {iana}"
                : $"'{id}' is not a known IANA time zone, such as Europe/Berlin or America/New_York";
            return false;
        }

        zone = found;
        reason = null;
        return true;
    }

    /// <summary>The zone for an IANA id; <see cref="FormatException"/> when there is none.</summary>
    public static TimeZoneInfo Find(string? id) =>
        id is null ? Default
        : TryFind(id, out var zone, out var reason) ? zone
        : throw new FormatException(reason);
}
