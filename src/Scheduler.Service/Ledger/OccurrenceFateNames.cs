using System.Text.Json;

namespace Scheduler.Service.Ledger;

/// <summary>The names <see cref="OccurrenceFate"/> values are stored and shown by.</summary>
public static class OccurrenceFateNames
{
    public static string ToWireName(this OccurrenceFate fate) => JsonNamingPolicy.CamelCase.ConvertName(fate.ToString());
}
