namespace CloudTrust.Engine.Journal;

/// <summary>An event a workflow raised on another instance, put in that instance's inbox when the request is journaled.</summary>
/// <param name="InstanceId">The target instance.</param>
/// <param name="Name">The event's name.</param>
/// <param name="Payload">The payload as JSON, if any.</param>
internal sealed record EventDelivery(string InstanceId, string Name, string? Payload);
