using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.Handlers;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;
using Scheduler.Service.Tenancy;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Api;

/// <summary>
/// <c>POST /api/jobs/batch</c>: schedule up to <see cref="ScheduleJobs.MaxJobs"/> jobs in one request. Each job is read
/// and validated on its own, as <c>POST /api/jobs</c> reads one; the valid ones go to the scheduler in one
/// <see cref="ScheduleJobs"/>, which stores them in one transaction, and the answer gives each job's status in order.
/// </summary>
public static class JobBatchApi
{
    /// <summary>The largest batch body the API reads: 4 MiB for up to a thousand jobs.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    public static IEndpointRouteBuilder MapJobBatchApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization(ApiKeyAuthentication.MemberPolicy)
            .MapPost("/batch", ScheduleJobsAsync)
            .WithName("ScheduleJobs")
            .WithSummary("Schedule up to 1,000 jobs ({\"jobs\": [...]}, fields as POST /api/jobs); each item answers 201, 200 or 400 in request order")
            .Accepts<ScheduleJobs>("application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    static async Task<Results<Ok<JobBatchResponse>, ApiProblem>> ScheduleJobsAsync(HttpRequest request, ScheduleJobValidator validator,
        IRequestClient<ScheduleJobs> scheduler,
        SchedulerDbContext db, TenantScope tenant, TimeProvider clock, HandlerPresence presence, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadBytesAsync(request, MaxBytes, cancellationToken);
        if (problem is not null)
            return problem;

        JsonDocument document;
        using (body)
        {
            try
            {
                document = await JsonDocument.ParseAsync(body!, new JsonDocumentOptions { MaxDepth = SchedulerJson.MaxDepth }, cancellationToken);
            }
            catch (JsonException e)
            {
                return ApiProblems.Invalid("jobs", $"the body must be a JSON object with an array of jobs: {e.Message.Split(" Path:", 2)[0]}");
            }
        }

        using (document)
        {
            if (JobsOf(document.RootElement) is not { } jobs)
                return ApiProblems.Invalid("jobs", "is required: the body must be a JSON object whose jobs is an array of job objects");
            if (jobs.GetArrayLength() > ScheduleJobs.MaxJobs)
                return ApiProblems.Invalid("jobs", $"may hold at most {ScheduleJobs.MaxJobs} jobs; this one holds {jobs.GetArrayLength()}");

            var options = JsonRequestBody.SerializerOptions(request);
            var now = clock.GetUtcNow();
            var items = jobs.EnumerateArray().Select(job => Read(job, options, tenant.TenantId!, validator, now)).ToList();
            return await ScheduleAsync(items, ApiKeyActor.Of(request.HttpContext.User), scheduler, db, presence, cancellationToken);
        }
    }

    /// <summary>The body's <c>jobs</c> array (its name matched as the API matches every field), or null when there is none.</summary>
    static JsonElement? JobsOf(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return null;

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name.Equals("jobs", StringComparison.OrdinalIgnoreCase))
                return property.Value.ValueKind == JsonValueKind.Array ? property.Value : null;
        }

        return null;
    }

    /// <summary>One job of the body as its command, or the errors that keep it from being one.</summary>
    static (ScheduleJob? Command, IReadOnlyList<FieldError> Errors) Read(JsonElement job, JsonSerializerOptions options, string tenantId,
        ScheduleJobValidator validator, DateTimeOffset now)
    {
        if (job.ValueKind != JsonValueKind.Object)
            return (null, [new FieldError("job", "must be a JSON object")]);

        ScheduleJob? read;
        try
        {
            read = job.Deserialize<ScheduleJob>(options);
        }
        catch (JsonException e)
        {
            return (null, [JsonFieldError.From(e, root: "job")]);
        }

        // The tenant comes from the API key, never from the body.
        var command = read! with { JobId = read!.JobId == Guid.Empty ? Guid.CreateVersion7() : read.JobId, TenantId = tenantId };
        var errors = validator.Validate(command, requireJobId: false, now);
        return errors.Count > 0 ? (null, errors) : (command, []);
    }

    static async Task<Results<Ok<JobBatchResponse>, ApiProblem>> ScheduleAsync(
        List<(ScheduleJob? Command, IReadOnlyList<FieldError> Errors)> items, string actor, IRequestClient<ScheduleJobs> scheduler,
        SchedulerDbContext db, HandlerPresence presence, CancellationToken cancellationToken)
    {
        var commands = items.Select(i => i.Command).OfType<ScheduleJob>().ToList();
        IReadOnlyList<JobScheduleResult> results = [];
        if (commands.Count > 0)
        {
            try
            {
                var response = await scheduler.GetResponse<JobsScheduled>(new ScheduleJobs { Jobs = commands },
                    x => x.UseExecute(context => context.Headers.Set(JobActor.Header, actor)), cancellationToken);
                results = response.Message.Results;
            }
            catch (RequestTimeoutException)
            {
                return ApiProblems.Unavailable($"{commands.Count} jobs were sent to the scheduler, which has not confirmed them yet.");
            }

            if (results.Count != commands.Count)
                return ApiProblems.Unavailable($"The scheduler answered {results.Count} of {commands.Count} jobs.");
        }

        var ids = results.Where(r => r.Accepted).Select(r => r.JobId).Distinct().ToList();
        var stored = ids.Count == 0
            ? []
            : await db.Jobs.AsNoTracking().Where(j => ids.Contains(j.CorrelationId)).ToDictionaryAsync(j => j.CorrelationId, cancellationToken);
        var online = await presence.OnlineAsync(cancellationToken);

        // The scheduler answered the jobs it was sent, in order: the others were answered here.
        var answered = new List<JobBatchItem>(items.Count);
        var next = 0;
        foreach (var (command, errors) in items)
            answered.Add(command is null ? Invalid(errors) : ItemOf(results[next++], stored, online));
        return TypedResults.Ok(new JobBatchResponse(answered));
    }

    static JobBatchItem ItemOf(JobScheduleResult result, Dictionary<Guid, JobState> stored, IReadOnlySet<string> online)
    {
        if (!result.Accepted)
            return Invalid(result.Errors);
        if (!stored.TryGetValue(result.JobId, out var job))
            return new JobBatchItem(StatusCodes.Status409Conflict,
                Errors: ApiProblems.ByField([new FieldError("jobId", $"job {result.JobId} belongs to another tenant: choose another job id")]));

        return new JobBatchItem(result.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, JobResponse.From(job, online));
    }

    static JobBatchItem Invalid(IReadOnlyList<FieldError> errors) => new(StatusCodes.Status400BadRequest, Errors: ApiProblems.ByField(errors));
}
