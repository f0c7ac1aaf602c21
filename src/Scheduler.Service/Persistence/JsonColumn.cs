using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Contracts.Serialization;

namespace Scheduler.Service.Persistence;

/// <summary>Stores a bag of values (a policy record, a payload) as one JSON column in the wire format of the contracts.</summary>
internal static class JsonColumn
{
    static readonly JsonSerializerOptions Options = SchedulerJson.CreateOptions();

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property, string? columnType)
    {
        // The values stored here (contract records, read-only lists and maps, JsonElement) are never changed in place: a
        // change assigns a new value. So the snapshot is the value itself and the same reference is unchanged, and only
        // a new value is serialized to be compared. Loading and comparing a job tracked takes no JSON round trips.
        property.HasConversion(
            value => Serialize(value),
            json => Deserialize<T>(json),
            new ValueComparer<T>(
                (left, right) => ReferenceEquals(left, right) || Serialize(left) == Serialize(right),
                value => Serialize(value).GetHashCode(StringComparison.Ordinal),
                value => value));

        if (columnType is not null)
            property.HasColumnType(columnType);

        return property;
    }

    static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}
