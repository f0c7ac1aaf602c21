using System.Text.RegularExpressions;

namespace Scheduler.Consumers.Hosting;

/// <summary>
/// The rule for handler names: 1 to 64 characters of lowercase letters, digits, '-', '.' and '_',
/// starting with a letter or digit. Names become queue names, so they stay portable across brokers.
/// </summary>
public static partial class JobHandlerName
{
    /// <summary>The longest name allowed.</summary>
    public const int MaxLength = 64;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();

    /// <summary>Whether <paramref name="name"/> follows the rule.</summary>
    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(name);

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="name"/> does not follow the rule.</summary>
    public static void Validate(string? name, string parameterName)
    {
        if (!IsValid(name))
            throw new ArgumentException(
                $"'{name}' is not a valid handler name: use 1 to {MaxLength} lowercase letters, digits, '-', '.' or '_', starting with a letter or digit.",
                parameterName);
    }
}
