using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Scheduler.Service.Persistence;

/// <summary>
/// One mapped property as its column stores it: the quoted name, the store type a value is cast to, and how a tracked
/// value becomes the column's value (its converter, if any), gathered into an array of the provider's type.
/// </summary>
internal sealed record TableColumn(IProperty Property, string Name, string StoreType, Type ElementType)
{
    // A property's compiled getter reads its value without the change tracker's lookup by name (a shadow property has none).
    readonly IClrPropertyGetter? _getter = Property.IsShadowProperty() ? null : Property.GetGetter();
    readonly ValueConverter? _converter = Property.GetTypeMapping().Converter;

    public static TableColumn Of(IProperty property, StoreObjectIdentifier table)
    {
        ArgumentNullException.ThrowIfNull(property);
        var name = property.GetColumnName(table) ?? throw new InvalidOperationException($"{property.Name} has no column in {table.Name}.");
        var converter = property.GetTypeMapping().Converter;
        var provider = converter?.ProviderClrType ?? property.ClrType;
        var underlying = Nullable.GetUnderlyingType(provider) ?? provider;

        // A nullable value column travels as an array of nullables, so that a null stays a null rather than a default.
        var element = underlying.IsValueType && property.IsNullable ? typeof(Nullable<>).MakeGenericType(underlying) : underlying;
        var storeType = property.GetColumnType(table) ?? property.GetColumnType();
        return new TableColumn(property, TableShape.Quote(name), storeType, element);
    }

    /// <summary>The column's values for <paramref name="entries"/>, in their order, as the array parameter of an <c>unnest</c>.</summary>
    public Array Values(IReadOnlyList<EntityEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var values = Array.CreateInstance(ElementType, entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var value = _getter is null ? entries[i].Property(Property.Name).CurrentValue : _getter.GetClrValueUsingContainingEntity(entries[i].Entity);
            values.SetValue(value is null || _converter is null ? value : _converter.ConvertToProvider(value), i);
        }

        return values;
    }
}
