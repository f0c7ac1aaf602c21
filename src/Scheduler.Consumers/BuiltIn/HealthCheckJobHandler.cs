using MassTransit;
using Scheduler.Consumers.Handlers;
using Scheduler.Consumers.Http;
using Scheduler.Contracts;

namespace Scheduler.Consumers.BuiltIn;

/// <summary>
/// The <c>health-check</c> handler: GETs each URL (same allow-list as <c>http</c>) and publishes
/// <see cref="ServiceUnhealthy"/> for each one that does not answer as expected. The run succeeds either way: it did
/// its check, and the result says what it found; a URL off the allow-list fails the run as permanent.
/// </summary>
public sealed class HealthCheckJobHandler(OutboundHttpClient http, IPublishEndpoint publisher, TimeProvider clock) : IJobHandler<HealthCheckRequest>
{
    public async Task<object?> ExecuteAsync(HealthCheckRequest payload, JobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(context);
        if (payload.Urls is not { Count: > 0 })
            throw new PermanentJobFailureException("The health check names no URL: give {\"urls\": [\"https://...\"]}.");

        foreach (var url in payload.Urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
                throw new PermanentJobFailureException($"'{url}' is not an absolute URL.");
            if (http.Guard.RefuseHost(uri) is { } refusal)
                throw new PermanentJobFailureException(refusal);
        }

        var checks = await Task.WhenAll(payload.Urls.Select(url => CheckAsync(url, payload, cancellationToken)));
        foreach (var unhealthy in checks.Where(c => !c.Healthy))
        {
            await publisher.Publish(new ServiceUnhealthy
            {
                Url = unhealthy.Url,
                StatusCode = unhealthy.Status,
                Reason = unhealthy.Error ?? $"answered {unhealthy.Status}",
                JobId = context.JobId,
                RunId = context.RunId,
                Timestamp = clock.GetUtcNow(),
            }, cancellationToken);
        }

        return new HealthCheckResult(checks.All(c => c.Healthy), checks);
    }

    async Task<UrlHealth> CheckAsync(string url, HealthCheckRequest payload, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(payload.Timeout ?? http.Options.DefaultTimeout);
        var started = clock.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await http.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            var healthy = payload.ExpectedStatus is { } expected ? status == expected : response.IsSuccessStatusCode;
            return new UrlHealth(url, healthy, status, Elapsed(started), healthy ? null : $"answered {status}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new UrlHealth(url, false, null, Elapsed(started), "timed out");
        }
        catch (HttpRequestException exception)
        {
            return new UrlHealth(url, false, null, Elapsed(started), exception.InnerException?.Message ?? exception.Message);
        }
    }

    long Elapsed(long started) => (long)clock.GetElapsedTime(started).TotalMilliseconds;
}
