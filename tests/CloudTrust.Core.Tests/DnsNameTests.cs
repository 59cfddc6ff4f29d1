using CloudTrust.Core.Validation;

namespace CloudTrust.Core.Tests;

public sealed class DnsNameTests
{
    [Theory]
    [InlineData("contoso.com")]
    [InlineData("emea.corp.contoso.com")]
    [InlineData("contoso-1.local")]
    public void Domain_names_are_accepted(string name) => Assert.True(DnsName.IsValid(name));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("contoso")]
    [InlineData("contoso.com; Remove-ADUser x")]
    [InlineData("-contoso.com")]
    [InlineData("contoso..com")]
    [InlineData("contoso.com.")]
    [InlineData("cont$oso.com")]
    public void Anything_else_is_refused(string? name) => Assert.False(DnsName.IsValid(name));
}
