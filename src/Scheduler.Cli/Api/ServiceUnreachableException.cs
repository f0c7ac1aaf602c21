namespace Scheduler.Cli.Api;

/// <summary>The service did not answer: nothing listens at the URL, its name does not resolve, or it took too long.</summary>
public sealed class ServiceUnreachableException(string message, Exception inner) : Exception(message, inner);
