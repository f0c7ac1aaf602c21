namespace Scheduler.Consumers.Hosting;

/// <summary>
/// A handler served by this host. Every <see cref="JobHandlerRegistrationExtensions.AddJobHandler{THandler}"/>
/// adds one as a singleton; resolve <c>IEnumerable&lt;JobHandlerRegistration&gt;</c> to list them.
/// </summary>
/// <param name="Name">The handler name, also the key of its <see cref="Handlers.IJobHandler"/> service.</param>
/// <param name="HandlerType">The class that implements it.</param>
/// <param name="PayloadType">The payload type of a typed handler (<see cref="Handlers.IJobHandler{TPayload}"/>); null otherwise.</param>
public sealed record JobHandlerRegistration(string Name, Type HandlerType, Type? PayloadType = null)
{
    /// <summary>The queue the handler's runs are received from.</summary>
    public string QueueName => Contracts.HandlerEndpoint.QueueName(Name);
}
