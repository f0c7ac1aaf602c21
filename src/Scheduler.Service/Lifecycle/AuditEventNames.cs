using System.Text.Json;

namespace Scheduler.Service.Lifecycle;

/// <summary>The names <see cref="AuditEvent"/> values are stored and shown by.</summary>
public static class AuditEventNames
{
    public static string ToWireName(this AuditEvent auditEvent) => JsonNamingPolicy.CamelCase.ConvertName(auditEvent.ToString());
}
