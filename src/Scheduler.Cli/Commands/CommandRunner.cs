using System.CommandLine;
using System.Text.Json;
using Scheduler.Cli.Api;
using Scheduler.Cli.Hosting;
using Scheduler.Cli.Output;

namespace Scheduler.Cli.Commands;

/// <summary>Gives a command its action: build the request from the command line, send it, print the answer, return the exit code.</summary>
public sealed class CommandRunner(GlobalOptions options, CliEnvironment environment)
{
    public const string DefaultUrl = "http://localhost:5000";

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public GlobalOptions Options => options;

    public void Bind(Command command, Func<ParseResult, ApiRequest> request, ResultView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        Bind(command, request, _ => view);
    }

    /// <summary>As <see cref="Bind(Command, Func{ParseResult, ApiRequest}, ResultView)"/>, with a view that depends on the command line.</summary>
    public void Bind(Command command, Func<ParseResult, ApiRequest> request, Func<ParseResult, ResultView> view)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(view);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, request, view(parse), cancellationToken));
    }

    async Task<int> RunAsync(ParseResult parse, Func<ParseResult, ApiRequest> build, ResultView view, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(options.Output);
        ApiRequest request;
        Uri baseAddress;
        try
        {
            baseAddress = BaseAddress(parse);
            request = build(parse);
        }
        catch (UsageException exception)
        {
            await environment.Error.WriteLineAsync(exception.Message);
            return ExitCodes.Usage;
        }

        var apiKey = parse.GetValue(options.ApiKey) ?? environment.Variable(CliEnvironment.ApiKeyVariable);
        using var client = new SchedulerClient(baseAddress, apiKey, environment.Handler);
        ApiResponse response;
        try
        {
            response = await SendAsync(client, request, cancellationToken);
        }
        catch (ServiceUnreachableException exception)
        {
            await environment.Error.WriteLineAsync(exception.Message);
            return ExitCodes.Unreachable;
        }

        if (!response.Succeeded && !request.ShowAnyAnswer)
        {
            ProblemWriter.Write(environment.Error, response, format);
            return ExitCodes.Refused;
        }

        if (format == OutputFormat.Json)
            await environment.Out.WriteLineAsync(response.Body is { } body ? JsonSerializer.Serialize(body, Indented) : "{}");
        else
            view.Write(environment.Out, response.Body);
        return response.Succeeded ? ExitCodes.Ok : ExitCodes.Refused;
    }

    static async Task<ApiResponse> SendAsync(SchedulerClient client, ApiRequest request, CancellationToken cancellationToken)
    {
        if (request.BodyFromCurrent is not { } change)
            return await client.SendAsync(request.Method, request.Path, request.Body, cancellationToken);

        var current = await client.GetAsync(request.Path, cancellationToken);
        if (!current.Succeeded || current.Body is not { } body)
            return current;
        return await client.SendAsync(request.Method, request.Path, change(body), cancellationToken);
    }

    Uri BaseAddress(ParseResult parse)
    {
        var url = parse.GetValue(options.Url) ?? environment.Variable(CliEnvironment.UrlVariable);
        if (string.IsNullOrWhiteSpace(url))
            url = DefaultUrl;
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            throw new UsageException($"--url / {CliEnvironment.UrlVariable}: '{url}' is not an http or https URL.");
        return address;
    }
}
