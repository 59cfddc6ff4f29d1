<#
.SYNOPSIS
    Intune Remediations detection script (run as the signed-in user): reports whether cloud Kerberos trust
    works on this device, from the SSO State section of `dsregcmd /status`.
.DESCRIPTION
    Prints one line of JSON, which Intune keeps as the script's output for the device run state:
      {"probe":"cloudtrust-ticket/1","onPremTgt":true,"cloudTgt":true,"azureAdPrt":true,"azureAdJoined":true,"domainJoined":false}
    Exit code 0 when OnPremTgt and CloudTgt are both YES; 1 otherwise (Intune then reports "issue detected").
    The C# parser CloudTrust.Integrations.TicketProbe.DsregcmdStatusParser mirrors this logic and is unit-tested
    on recorded outputs; keep the two in step.
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'

function Read-DsregcmdStatus([string[]] $Lines) {
    $values = @{}
    foreach ($line in $Lines) {
        # "                 OnPremTgt : YES" — the key is before the first " : ", the value after it.
        $index = $line.IndexOf(' : ')
        if ($index -lt 0) { continue }
        $key = $line.Substring(0, $index).Trim()
        $value = $line.Substring($index + 3).Trim()
        if ($key -and -not $values.ContainsKey($key)) { $values[$key] = $value }
    }
    return $values
}

function Test-Yes($values, [string] $key) {
    return ($values.ContainsKey($key) -and $values[$key] -eq 'YES')
}

try {
    $lines = & "$env:windir\System32\dsregcmd.exe" /status
} catch {
    [Console]::Out.WriteLine((@{ probe = 'cloudtrust-ticket/1'; error = "dsregcmd failed: $($_.Exception.Message)" } | ConvertTo-Json -Compress))
    exit 1
}

$status = Read-DsregcmdStatus $lines
$result = [ordered]@{
    probe         = 'cloudtrust-ticket/1'
    onPremTgt     = Test-Yes $status 'OnPremTgt'
    cloudTgt      = Test-Yes $status 'CloudTgt'
    azureAdPrt    = Test-Yes $status 'AzureAdPrt'
    azureAdJoined = Test-Yes $status 'AzureAdJoined'
    domainJoined  = Test-Yes $status 'DomainJoined'
}
[Console]::Out.WriteLine(($result | ConvertTo-Json -Compress))
if ($result.onPremTgt -and $result.cloudTgt) { exit 0 } else { exit 1 }
