using System.Security.Claims;
using MassTransit;
using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary>Sends a command to a job's saga on behalf of the API and turns a refusal into its problem response.</summary>
internal static class JobCommands
{
    /// <summary>The saga's answer, or the problem to return instead: 404 for no such job, 409 when refused, 503 when unanswered.</summary>
    public static Task<(TDone? Done, ApiProblem? Problem)> SendAsync<TCommand, TDone>(IRequestClient<TCommand> scheduler, TCommand command,
        Guid jobId, ClaimsPrincipal user, CancellationToken cancellationToken)
        where TCommand : class
        where TDone : class =>
        SendAsync<TCommand, TDone>(scheduler, command, jobId, ApiKeyActor.Of(user), cancellationToken);

    /// <summary>As above, naming in the audit trail who sent the command (the dashboard sends <c>dashboard:…</c>).</summary>
    public static async Task<(TDone? Done, ApiProblem? Problem)> SendAsync<TCommand, TDone>(IRequestClient<TCommand> scheduler, TCommand command,
        Guid jobId, string actor, CancellationToken cancellationToken)
        where TCommand : class
        where TDone : class
    {
        Response<TDone, JobNotFound, JobCommandRejected> response;
        try
        {
            response = await scheduler.GetResponse<TDone, JobNotFound, JobCommandRejected>(command,
                x => x.UseExecute(context => context.Headers.Set(JobActor.Header, actor)), cancellationToken);
        }
        catch (RequestTimeoutException)
        {
            return (null, ApiProblems.Unavailable($"The command for job {jobId} was sent to the scheduler, which has not confirmed it yet."));
        }

        if (response.Is(out Response<JobNotFound>? _))
            return (null, ApiProblems.JobNotFound(jobId));
        if (response.Is(out Response<JobCommandRejected>? rejected) && rejected is not null)
            return (null, ApiProblems.Conflict(rejected.Message.Reason));
        if (response.Is(out Response<TDone>? done) && done is not null)
            return (done.Message, null);

        return (null, ApiProblems.Unavailable($"The scheduler answered the command for job {jobId} with an unexpected message."));
    }
}
