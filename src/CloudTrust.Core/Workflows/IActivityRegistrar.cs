namespace CloudTrust.Core.Workflows;

/// <summary>
/// Where a host takes the activities the workflows call: each under the name the workflow calls it by. The local
/// engine's registry and the tests' Durable worker are registrars; the activity sets in the integrations layer are
/// the one place that says which activity answers which name.
/// </summary>
public interface IActivityRegistrar
{
    /// <summary>Registers an activity under its workflow name.</summary>
    /// <typeparam name="TInput">The input record.</typeparam>
    /// <typeparam name="TOutput">The output record.</typeparam>
    /// <param name="name">The name the workflows call.</param>
    /// <param name="activity">The activity.</param>
    void Register<TInput, TOutput>(string name, IActivity<TInput, TOutput> activity);
}
