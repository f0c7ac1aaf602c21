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
        property.HasConversion(
            value => Serialize(value),
            json => Deserialize<T>(json),
            new ValueComparer<T>(
                (left, right) => Serialize(left) == Serialize(right),
                value => Serialize(value).GetHashCode(StringComparison.Ordinal),
                value => Deserialize<T>(Serialize(value))));

        if (columnType is not null)
            property.HasColumnType(columnType);

        return property;
    }

    static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}
