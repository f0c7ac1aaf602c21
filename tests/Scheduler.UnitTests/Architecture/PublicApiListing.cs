using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Scheduler.UnitTests.Architecture;

/// <summary>
/// The public surface of an assembly as plain text, one line per type and member, in a stable order: what another
/// service compiles against. Types, members, parameter names and defaults, nullability, <c>required</c> and <c>init</c>
/// take part; bodies, private members and attributes other than these do not.
/// </summary>
static class PublicApiListing
{
    const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static
                                  | BindingFlags.DeclaredOnly;

    public static string Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(TypeHeader(type)).Append('\n');
            // Constructors, properties, fields, events, methods: each group in its own block, sorted.
            foreach (var member in Members(type).OrderBy(m => m.Group).ThenBy(m => m.Line, StringComparer.Ordinal))
                text.Append("    ").Append(member.Line).Append('\n');
        }

        return text.ToString();
    }

    static string TypeHeader(Type type)
    {
        var kind = type switch
        {
            { IsEnum: true } => "enum",
            { IsInterface: true } => "interface",
            { IsValueType: true } => IsRecord(type) ? "record struct" : "struct",
            _ when typeof(Delegate).IsAssignableFrom(type) => "delegate",
            _ => IsRecord(type) ? "record" : "class",
        };
        var modifiers = type switch
        {
            { IsAbstract: true, IsSealed: true } => "static ",
            { IsInterface: false, IsValueType: false, IsAbstract: true } => "abstract ",
            { IsInterface: false, IsValueType: false, IsSealed: true } when kind != "delegate" => "sealed ",
            _ => "",
        };

        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType)
            && baseType != typeof(Enum) && baseType != typeof(MulticastDelegate))
            bases.Add(Name(baseType));
        if (type.IsEnum)
            bases.Add(Name(Enum.GetUnderlyingType(type)));
        if (!type.IsEnum)
            bases.AddRange(type.GetInterfaces().Select(i => Name(i)).Order(StringComparer.Ordinal));

        return $"public {modifiers}{kind} {Name(type, qualified: true)}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : "")}";
    }

    static IEnumerable<(int Group, string Line)> Members(Type type)
    {
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                yield return (0, $"{field.Name} = {Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}");
            yield break;
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            var invoke = type.GetMethod("Invoke")!;
            yield return (4, $"{ReturnName(invoke)} Invoke({Parameters(invoke)})");
            yield break;
        }

        foreach (var constructor in type.GetConstructors(Declared).Where(Visible))
            yield return (0, $"{Access(constructor)}.ctor({Parameters(constructor)})");

        foreach (var property in type.GetProperties(Declared))
        {
            var accessors = new[] { property.GetMethod, property.SetMethod }.Where(m => m is not null && Visible(m)).ToList();
            if (accessors.Count == 0 || property.Name == "EqualityContract")
                continue;

            var required = property.IsDefined(typeof(RequiredMemberAttribute)) ? "required " : "";
            var get = property.GetMethod is { } getter && Visible(getter) ? " get;" : "";
            var set = property.SetMethod is { } setter && Visible(setter)
                ? setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)) ? " init;" : " set;"
                : "";
            var indexer = property.GetIndexParameters() is { Length: > 0 } index ? $"this[{Parameters(index)}]" : property.Name;
            yield return (1, $"{Access(accessors[0]!)}{Static(accessors[0]!)}{required}{Nullable(property)} {indexer} {{{get}{set} }}");
        }

        foreach (var field in type.GetFields(Declared).Where(f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly))
        {
            var constant = field.IsLiteral ? $" = {Literal(field.GetRawConstantValue())}" : "";
            var modifiers = field.IsLiteral ? "const " : (field.IsStatic ? "static " : "") + (field.IsInitOnly ? "readonly " : "");
            yield return (2, $"{(field.IsPublic ? "public " : "protected ")}{modifiers}{Nullable(field)} {field.Name}{constant}");
        }

        foreach (var evt in type.GetEvents(Declared).Where(e => e.AddMethod is { } add && Visible(add)))
            yield return (3, $"{Access(evt.AddMethod!)}event {Name(evt.EventHandlerType!)} {evt.Name}");

        foreach (var method in type.GetMethods(Declared).Where(m => Visible(m) && !m.IsSpecialName && !m.Name.StartsWith('<')))
        {
            var generic = method.IsGenericMethodDefinition ? $"<{string.Join(", ", method.GetGenericArguments().Select(a => a.Name))}>" : "";
            var modifiers = method switch
            {
                { IsStatic: true } => "static ",
                { IsAbstract: true, DeclaringType.IsInterface: false } => "abstract ",
                { IsVirtual: true, IsFinal: false, DeclaringType.IsInterface: false } when method.GetBaseDefinition() != method => "override ",
                { IsVirtual: true, IsFinal: false, DeclaringType.IsInterface: false } => "virtual ",
                _ => "",
            };
            var extension = method.IsDefined(typeof(ExtensionAttribute)) ? "this " : "";
            yield return (4, $"{Access(method)}{modifiers}{ReturnName(method)} {method.Name}{generic}({extension}{Parameters(method)})");
        }
    }

    static bool Visible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    static string Access(MethodBase method) => method.IsPublic ? "public " : "protected ";

    static string Static(MethodBase method) => method.IsStatic ? "static " : "";

    static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null
                                       || type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null;

    static string Parameters(MethodBase method) => Parameters(method.GetParameters());

    static string Parameters(ParameterInfo[] parameters) => string.Join(", ", parameters.Select(p =>
    {
        var modifier = p.IsOut ? "out " : p.ParameterType.IsByRef ? (p.IsIn ? "in " : "ref ") : p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : "";
        var defaultValue = p.HasDefaultValue ? $" = {Literal(p.RawDefaultValue)}" : "";
        return $"{modifier}{Nullable(p)} {p.Name}{defaultValue}";
    }));

    static string ReturnName(MethodInfo method) => Nullable(method.ReturnParameter);

    static string Nullable(ParameterInfo parameter) => Name(parameter.ParameterType, new NullabilityInfoContext().Create(parameter));

    static string Nullable(PropertyInfo property) => Name(property.PropertyType, new NullabilityInfoContext().Create(property));

    static string Nullable(FieldInfo field) => Name(field.FieldType, new NullabilityInfoContext().Create(field));

    static string Literal(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A type as C# spells it, with <c>?</c> where a reference is nullable (as far as the metadata says).</summary>
    static string Name(Type type, NullabilityInfo? nullability = null, bool qualified = false)
    {
        if (type.IsByRef)
            return Name(type.GetElementType()!, nullability, qualified);
        if (type.IsArray)
        {
            var element = Name(type.GetElementType()!, nullability?.ElementType);
            return $"{element}[]{NullMark(type, nullability)}";
        }

        if (System.Nullable.GetUnderlyingType(type) is { } underlying)
            return Name(underlying) + "?";
        if (type.IsGenericParameter)
            return type.Name + NullMark(type, nullability);

        var keyword = Keyword(type);
        if (keyword is not null)
            return keyword + NullMark(type, nullability);

        var name = qualified || type.IsNested ? QualifiedName(type) : type.Name;
        if (type.IsGenericType)
        {
            name = name[..name.IndexOf('`', StringComparison.Ordinal)];
            var arguments = type.GetGenericArguments();
            var argumentNullability = nullability?.GenericTypeArguments;
            name += "<" + string.Join(", ", arguments.Select((a, i) =>
                Name(a, argumentNullability is { } n && i < n.Length ? n[i] : null))) + ">";
        }

        return name + NullMark(type, nullability);
    }

    static string QualifiedName(Type type) => type.IsNested
        ? $"{QualifiedName(type.DeclaringType!)}.{type.Name}"
        : $"{type.Namespace}.{type.Name}";

    static string NullMark(Type type, NullabilityInfo? nullability) =>
        !type.IsValueType && nullability?.ReadState == NullabilityState.Nullable ? "?" : "";

    static string? Keyword(Type type) => type.IsEnum ? null : Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean => "bool",
        TypeCode.Byte => "byte",
        TypeCode.Char => "char",
        TypeCode.Decimal => "decimal",
        TypeCode.Double => "double",
        TypeCode.Int16 => "short",
        TypeCode.Int32 => "int",
        TypeCode.Int64 => "long",
        TypeCode.SByte => "sbyte",
        TypeCode.Single => "float",
        TypeCode.String => "string",
        TypeCode.UInt16 => "ushort",
        TypeCode.UInt32 => "uint",
        TypeCode.UInt64 => "ulong",
        _ when type == typeof(object) => "object",
        _ when type == typeof(void) => "void",
        _ => null,
    };
}
