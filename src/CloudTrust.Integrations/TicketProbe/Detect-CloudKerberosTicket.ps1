<#
.SYNOPSIS
    Intune Remediations detection script (run as the signed-in user): reports whether cloud Kerberos trust works on
    this device and, when it does not, the evidence an admin would read to find out why.
.DESCRIPTION
    Prints one line of JSON, which Intune keeps as the device run state's detection output:
      {"probe":"cloudtrust-ticket/2",
       "dsregcmd":"<the SSO and join lines of dsregcmd /status>",
       "event358":"<the prerequisite lines of the newest event 358 of the User Device Registration admin log>",
       "policy":"<reg query lines of the PassportForWork values the device holds>",
       "dcLocator":"<nltest /dsgetdc output, or SRV lines of _ldap._tcp.dc._msdcs.<domain>>",
       "groups":"<whoami /groups csv lines of domain groups the AzureADKerberos Password Replication Policy denies>",
       "userDnsDomain":"<the user's AD DNS domain>","logonType":<Win32_LogonSession.LogonType of this session>}
    Each text holds the tools' own lines, unchanged, so that the C# readers (DsregcmdStatusParser, Event358Message,
    PassportForWorkValues, DcLocatorOutput, PrivilegedGroups) read the tools' published formats; keep them in step.
    Intune keeps at most 2,048 characters of output (Microsoft Learn, "Remediations", script requirements: "The maximum
    allowed output size limit is 2048 characters"): the line is kept under 2,000 by dropping the least needed parts.
    Exit code 0 when OnPremTgt and CloudTgt are both YES; 1 otherwise (Intune then reports "issue detected").
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
$MaxOutput = 2000

function Select-Lines([string[]] $Lines, [string[]] $Keys) {
    # Keeps the "Key : Value" lines whose key is one of $Keys, as printed.
    $kept = foreach ($line in $Lines) {
        $index = $line.IndexOf(' : ')
        if ($index -ge 0 -and $Keys -contains $line.Substring(0, $index).Trim()) { $line.Trim() }
    }
    return ($kept -join "`n")
}

function Invoke-Quietly([scriptblock] $Block) {
    try { return (& $Block) } catch { return $null }
}

try {
    $dsregLines = & "$env:windir\System32\dsregcmd.exe" /status
} catch {
    [Console]::Out.WriteLine((@{ probe = 'cloudtrust-ticket/2'; error = "dsregcmd failed: $($_.Exception.Message)" } | ConvertTo-Json -Compress))
    exit 1
}

$dsreg = Select-Lines $dsregLines @('AzureAdJoined', 'DomainJoined', 'AzureAdPrt', 'AzureAdPrtUpdateTime', 'OnPremTgt', 'CloudTgt')

# Event 358 (provisioning will be launched) of the User Device Registration admin log: its prerequisite lines.
$event358 = Invoke-Quietly {
    $newest = Get-WinEvent -LogName 'Microsoft-Windows-User Device Registration/Admin' -FilterXPath '*[System[EventID=358]]' -MaxEvents 1
    ($newest.Message -split "`r?`n" | Where-Object { $_ -match ':\s*(Yes|No|Not Tested)\s*$' } | ForEach-Object { $_.Trim() }) -join "`n"
}

# The PassportForWork values the device holds: the Group Policy key first (Group Policy wins over Intune, and the
# reader keeps the first value of each name), then the MDM CSP's key for the tenant.
$policy = Invoke-Quietly {
    $lines = @(& reg.exe query 'HKLM\SOFTWARE\Policies\Microsoft\PassportForWork' 2>$null)
    $mdm = Get-ChildItem 'HKLM:\SOFTWARE\Microsoft\Policies\PassportForWork' -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($mdm) { $lines += & reg.exe query ("$($mdm.Name)\Device\Policies") 2>$null }
    ($lines | Where-Object { $_ -match '^\s+(UsePassportForWork|UseCloudTrustForOnPremAuth|UseCertificateForOnPremAuth|RequireSecurityDevice)\s+REG_DWORD\s' } | ForEach-Object { $_.Trim() }) -join "`n"
}

$domain = $env:USERDNSDOMAIN
$dcLocator = $null
if ($domain) {
    $dcLocator = Invoke-Quietly { ((& nltest.exe "/dsgetdc:$domain" 2>&1) | ForEach-Object { "$_".Trim() } | Where-Object { $_ -match '^(DC: |Getting DC name failed)' }) -join "`n" }
    if (-not $dcLocator) {
        $dcLocator = Invoke-Quietly {
            $records = Resolve-DnsName -Name "_ldap._tcp.dc._msdcs.$domain" -Type SRV -DnsOnly -QuickTimeout -ErrorAction Stop | Where-Object { $_.Type -eq 'SRV' }
            if ($records) { ($records | Select-Object -First 2 | ForEach-Object { "SRV $($_.NameTarget)" }) -join "`n" } else { 'SRV none' }
        }
        if (-not $dcLocator) { $dcLocator = 'SRV none' }
    }
}

# Domain groups the AzureADKerberos object's Password Replication Policy denies, by RID.
$groups = Invoke-Quietly {
    ((& whoami.exe /groups /fo csv /nh) | Where-Object { $_ -match '"S-1-5-21-[0-9-]+-(512|517|518|519|520|572)"' }) -join "`n"
}

$logonType = Invoke-Quietly {
    # whoami /logonid prints S-1-5-5-X-Y; Y is the session's LogonId in Win32_LogonSession.
    $logonId = ((& whoami.exe /logonid) -split '-')[-1].Trim()
    [int](Get-CimInstance -ClassName Win32_LogonSession -Filter "LogonId = '$logonId'").LogonType
}

$result = [ordered]@{
    probe         = 'cloudtrust-ticket/2'
    dsregcmd      = $dsreg
    event358      = $event358
    policy        = $policy
    dcLocator     = $dcLocator
    groups        = $groups
    userDnsDomain = $domain
    logonType     = $logonType
}
$line = $result | ConvertTo-Json -Compress
foreach ($drop in @('groups', 'dcLocator', 'event358', 'policy')) {
    if ($line.Length -le $MaxOutput) { break }
    $result.Remove($drop)
    $line = $result | ConvertTo-Json -Compress
}
[Console]::Out.WriteLine($line)
$values = @{}
foreach ($entry in ($dsreg -split "`n")) { $i = $entry.IndexOf(' : '); if ($i -ge 0) { $values[$entry.Substring(0, $i).Trim()] = $entry.Substring($i + 3).Trim() } }
if ($values['OnPremTgt'] -eq 'YES' -and $values['CloudTgt'] -eq 'YES') { exit 0 } else { exit 1 }
