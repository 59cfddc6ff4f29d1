namespace CloudTrust.Core.Precedence;

/// <summary>
/// Decides, for one ring, which WHfB source wins each setting and what the rollout can expect. The rules:
/// Group Policy wins over Intune, which is then ignored altogether; within Intune the tenant-wide enrollment
/// configuration wins over user-scoped policies, which win over device-scoped ones; cloud trust exists only for
/// devices; certificate trust, where enabled, wins over cloud trust; two sources of the same rank that disagree
/// are a conflict, and Intune applies neither.
/// </summary>
public static class PrecedenceAnalyzer
{
    private static readonly HelloSetting[] Settings = [HelloSetting.UsePassportForWork, HelloSetting.UseCloudTrustForOnPremAuth, HelloSetting.UseCertificateForOnPremAuth];

    /// <summary>Analyzes one ring.</summary>
    /// <param name="ring">The ring's name.</param>
    /// <param name="existing">The sources in place today for the ring's users and devices (the rollout's own profile included if already assigned).</param>
    /// <param name="planned">The rollout's profile as it will be, or null for a read of today only.</param>
    /// <param name="disabledByMigration">Ids of sources a migration step turns off before cloud trust is enabled.</param>
    /// <param name="evidence">What devices and users already report.</param>
    /// <returns>The ring's report.</returns>
    public static RingPrecedence Analyze(
        string ring,
        IReadOnlyList<HelloSource> existing,
        HelloSource? planned,
        IReadOnlySet<string>? disabledByMigration = null,
        TrustModelEvidence? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(existing);
        var disabled = disabledByMigration ?? new HashSet<string>();
        var current = Resolve(existing);
        var after = existing.Where(s => !s.IsOurs && !disabled.Contains(s.Id)).ToList();
        if (planned is not null)
        {
            after.Add(planned);
        }

        var effective = Resolve(after);
        var findings = new List<PrecedenceFinding>();
        Describe(after, effective, planned, findings);
        var sources = existing.Where(s => planned is null || !s.IsOurs).Concat(planned is null ? [] : [planned])
            .OrderBy(s => s.Rank).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        foreach (var source in existing.Where(s => disabled.Contains(s.Id)))
        {
            findings.Add(new PrecedenceFinding(PrecedenceSeverity.Info, $"{source.Label} is turned off for this ring by the migration before cloud trust is enabled"));
        }

        return new RingPrecedence(
            ring,
            sources,
            effective.Settings,
            effective.GroupPolicyWins,
            Classify(current, evidence ?? TrustModelEvidence.None),
            ModelOf(effective),
            [.. findings.OrderByDescending(f => f.Severity)]);
    }

    private static void Describe(IReadOnlyList<HelloSource> sources, Resolution effective, HelloSource? planned, List<PrecedenceFinding> findings)
    {
        var hello = effective.Get(HelloSetting.UsePassportForWork);
        var cloud = effective.Get(HelloSetting.UseCloudTrustForOnPremAuth);
        var certificate = effective.Get(HelloSetting.UseCertificateForOnPremAuth);
        if (effective.GroupPolicyWins)
        {
            var gpos = string.Join(", ", sources.Where(s => s.Kind == HelloSourceKind.GroupPolicy).Select(s => s.Label));
            findings.Add(cloud.Value == true && certificate.Value != true
                ? new PrecedenceFinding(PrecedenceSeverity.Warning, $"Intune will be ignored: Group Policy configures WHfB here ({gpos}) and already enables cloud trust")
                : new PrecedenceFinding(PrecedenceSeverity.Block, $"Intune will be ignored: Group Policy configures WHfB here ({gpos}) and does not enable cloud trust; change or unlink the GPO first"));
        }

        var tenant = sources.FirstOrDefault(s => s.Kind == HelloSourceKind.TenantWide);
        if (tenant?.UsePassportForWork == false && !effective.GroupPolicyWins)
        {
            findings.Add(new PrecedenceFinding(PrecedenceSeverity.Block, "the tenant-wide WHfB enrollment configuration disables Windows Hello for Business: nothing provisions until it is enabled or set to not configured"));
        }
        else if (tenant?.UsePassportForWork == true && !effective.GroupPolicyWins)
        {
            findings.Add(new PrecedenceFinding(PrecedenceSeverity.Info, "the tenant-wide WHfB enrollment configuration enables Windows Hello for Business: only the cloud-trust setting is required from the profile"));
        }

        foreach (var conflict in effective.Conflicts)
        {
            findings.Add(new PrecedenceFinding(PrecedenceSeverity.Warning, conflict));
        }

        if (certificate.Value == true)
        {
            findings.Add(new PrecedenceFinding(PrecedenceSeverity.Block, $"certificate trust wins over cloud trust: {certificate.Winner!.Label} enables UseCertificateForOnPremAuth; plan a certificate-trust migration for this ring"));
        }

        if (hello.Value == false && hello.Winner is { } off && tenant?.UsePassportForWork != false)
        {
            findings.Add(new PrecedenceFinding(PrecedenceSeverity.Block, $"{off.Label} turns Windows Hello for Business off and wins over the device-scoped cloud-trust setting"));
        }

        var cloudSources = sources.Where(s => s.UseCloudTrustForOnPremAuth == true).ToList();
        var shadowedBy = cloud.Winner != planned ? cloud.Winner?.Label ?? "a conflict" : hello.Value == false ? hello.Winner?.Label : null;
        if (planned is not null && cloudSources.Count == 1 && cloudSources[0] == planned && shadowedBy is not null && tenant?.UsePassportForWork != false && !effective.GroupPolicyWins)
        {
            findings.Add(new PrecedenceFinding(PrecedenceSeverity.Block, $"the rollout's profile is the only cloud-trust source and it would be shadowed by {shadowedBy}"));
        }

        foreach (var user in sources.Where(s => s.Scope == HelloScope.User && s.UseCloudTrustForOnPremAuth is not null))
        {
            findings.Add(new PrecedenceFinding(PrecedenceSeverity.Warning, $"{user.Label} sets UseCloudTrustForOnPremAuth, which exists only for devices: it has no effect"));
        }

        if (!findings.Any(f => f.Severity == PrecedenceSeverity.Block) && planned is not null && ModelOf(effective) == TrustModel.CloudTrust)
        {
            findings.Add(new PrecedenceFinding(PrecedenceSeverity.Info, $"cloud trust comes from {cloud.Winner!.Label}; Windows Hello for Business from {hello.Winner?.Label ?? "(not configured)"}"));
        }
    }

    private static TrustModel ModelOf(Resolution resolution)
    {
        if (resolution.Get(HelloSetting.UsePassportForWork).Value != true)
        {
            return TrustModel.None;
        }

        if (resolution.Get(HelloSetting.UseCertificateForOnPremAuth).Value == true)
        {
            return TrustModel.CertificateTrust;
        }

        return resolution.Get(HelloSetting.UseCloudTrustForOnPremAuth).Value == true ? TrustModel.CloudTrust : TrustModel.KeyTrust;
    }

    private static TrustModelReading Classify(Resolution current, TrustModelEvidence evidence)
    {
        var model = ModelOf(current);
        var hello = current.Get(HelloSetting.UsePassportForWork).Winner;
        if (model == TrustModel.None && evidence.UsersWithHello > 0)
        {
            return new TrustModelReading(TrustModel.KeyTrust, $"no source enables WHfB now, but {evidence.UsersWithHello} user(s) have it registered: key trust from an earlier configuration");
        }

        if (evidence.DevicesWithCloudAndOnPremTgt > 0 && model != TrustModel.CloudTrust)
        {
            return new TrustModelReading(model, $"{Describe(model)} from the settings, though {evidence.DevicesWithCloudAndOnPremTgt} of {evidence.DevicesProbed} probed device(s) already get cloud and on-premises TGTs");
        }

        return model switch
        {
            TrustModel.None => new TrustModelReading(model, "no source enables Windows Hello for Business"),
            TrustModel.CertificateTrust => new TrustModelReading(model, $"{current.Get(HelloSetting.UseCertificateForOnPremAuth).Winner!.Label} enables UseCertificateForOnPremAuth"),
            TrustModel.CloudTrust => new TrustModelReading(model, $"{current.Get(HelloSetting.UseCloudTrustForOnPremAuth).Winner!.Label} enables cloud trust"),
            _ => new TrustModelReading(model, $"{hello!.Label} enables WHfB without certificate or cloud trust"),
        };
    }

    private static string Describe(TrustModel model) => model switch
    {
        TrustModel.None => "no trust model",
        TrustModel.KeyTrust => "key trust",
        TrustModel.CertificateTrust => "certificate trust",
        _ => "cloud trust",
    };

    private static Resolution Resolve(IReadOnlyList<HelloSource> sources)
    {
        var groupPolicyWins = sources.Any(s => s.Kind == HelloSourceKind.GroupPolicy && (s.UsePassportForWork ?? s.UseCloudTrustForOnPremAuth ?? s.UseCertificateForOnPremAuth) is not null);
        var considered = groupPolicyWins ? sources.Where(s => s.Kind == HelloSourceKind.GroupPolicy).ToList() : sources;
        var conflicts = new List<string>();
        var settings = Settings.Select(setting => ResolveOne(setting, considered, conflicts)).ToList();
        return new Resolution(settings, groupPolicyWins, conflicts);
    }

    private static EffectiveSetting ResolveOne(HelloSetting setting, IReadOnlyList<HelloSource> sources, List<string> conflicts)
    {
        var setters = sources
            .Where(s => ValueOf(s, setting) is not null)
            .Where(s => setting != HelloSetting.UseCloudTrustForOnPremAuth || s.Scope != HelloScope.User)
            .OrderBy(s => s.Rank)
            .ToList();
        if (setters.Count == 0)
        {
            return new EffectiveSetting(setting, null, null, []);
        }

        var best = setters.Where(s => s.Rank == setters[0].Rank).ToList();
        if (best.Select(s => ValueOf(s, setting)).Distinct().Count() > 1)
        {
            conflicts.Add($"{setting}: {string.Join(" and ", best.Select(s => $"{s.Label} sets {Text(ValueOf(s, setting))}"))}: a conflict, so neither applies");
            return new EffectiveSetting(setting, null, null, setters);
        }

        return new EffectiveSetting(setting, ValueOf(best[0], setting), best[0], setters.Skip(1).ToList());
    }

    private static bool? ValueOf(HelloSource source, HelloSetting setting) => setting switch
    {
        HelloSetting.UsePassportForWork => source.UsePassportForWork,
        HelloSetting.UseCloudTrustForOnPremAuth => source.UseCloudTrustForOnPremAuth,
        _ => source.UseCertificateForOnPremAuth,
    };

    private static string Text(bool? value) => value switch { true => "true", false => "false", _ => "nothing" };

    private sealed record Resolution(IReadOnlyList<EffectiveSetting> Settings, bool GroupPolicyWins, IReadOnlyList<string> Conflicts)
    {
        public EffectiveSetting Get(HelloSetting setting) => Settings.First(s => s.Setting == setting);
    }
}
