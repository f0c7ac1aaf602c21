using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Scheduler.Service.Api;

namespace Scheduler.UnitTests.Service.Api;

public sealed class OutageExceptionHandlerTests
{
    static readonly NpgsqlException PoolExhausted =
        new("The connection pool has been exhausted, either raise 'Max Pool Size' (currently 2) or 'Timeout' (currently 1 seconds)", new TimeoutException());

    static DefaultHttpContext Request(string path)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        return new DefaultHttpContext
        {
            RequestServices = services,
            Request = { Method = "GET", Path = path },
            Response = { Body = new MemoryStream() },
        };
    }

    static ValueTask<bool> HandleAsync(HttpContext context, Exception exception) =>
        new OutageExceptionHandler(NullLogger<OutageExceptionHandler>.Instance).TryHandleAsync(context, exception, CancellationToken.None);

    [Fact]
    public async Task Returns_503_with_retry_after_when_the_pool_is_exhausted()
    {
        var context = Request("/api/jobs/6f1c0b7e-3b8a-4f51-9d7c-2a7c7f0e9a11");

        var handled = await HandleAsync(context, new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", PoolExhausted));

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("Retry after 2 s", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaves_a_failure_that_is_not_an_outage_to_the_default_handling()
    {
        var context = Request("/api/jobs");

        Assert.False(await HandleAsync(context, new InvalidOperationException("Sequence contains no elements")));
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task Leaves_paths_outside_the_api_alone()
    {
        var context = Request("/health/ready");

        Assert.False(await HandleAsync(context, PoolExhausted));
    }
}
