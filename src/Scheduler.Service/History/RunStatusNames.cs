using System.Text.Json;

namespace Scheduler.Service.History;

/// <summary>The names of run statuses as the API and the audit trail spell them.</summary>
public static class RunStatusNames
{
    public static string ToWireName(this RunStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}
