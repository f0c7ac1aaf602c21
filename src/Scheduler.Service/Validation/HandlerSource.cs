namespace Scheduler.Service.Validation;

/// <summary>How the scheduler knows a handler.</summary>
public enum HandlerSource
{
    BuiltIn = 0,
    Configured = 1,
    Announced = 2,
}
