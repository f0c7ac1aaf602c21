using Microsoft.Extensions.Options;

namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>Refuses dispatcher settings that could not work, naming each setting and why, when the service starts.</summary>
public sealed class DispatcherOptionsValidation : IValidateOptions<DispatcherOptions>
{
    public ValidateOptionsResult Validate(string? name, DispatcherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BatchSize < 1)
            failures.Add($"{DispatcherOptions.SectionName}:BatchSize must be at least 1.");
        if (options.PollInterval <= TimeSpan.Zero)
            failures.Add($"{DispatcherOptions.SectionName}:PollInterval must be positive.");
        if (options.ErrorBackoff < TimeSpan.Zero)
            failures.Add($"{DispatcherOptions.SectionName}:ErrorBackoff must not be negative.");
        if (options.SendTimeout <= TimeSpan.Zero)
            failures.Add($"{DispatcherOptions.SectionName}:SendTimeout must be positive.");
        if (options.RoundTimeout < options.SendTimeout)
            failures.Add($"{DispatcherOptions.SectionName}:RoundTimeout must be at least SendTimeout, since a round's sends are part of it.");
        if (options.DegradedAfter <= TimeSpan.Zero)
            failures.Add($"{DispatcherOptions.SectionName}:DegradedAfter must be positive.");
        if (options.UnhealthyAfter <= options.DegradedAfter)
            failures.Add($"{DispatcherOptions.SectionName}:UnhealthyAfter must be longer than DegradedAfter.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
