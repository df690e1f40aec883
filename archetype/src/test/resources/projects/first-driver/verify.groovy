// The generated project's tests must really have run, against this build's dra4j artifacts.
// The archetype plugin hands the generated project's directory over in the 'context' map.
def generated = binding.hasVariable('projectDir') ? projectDir : context.projectDir
def reports = new File(generated, 'target/surefire-reports')
def xml = reports.listFiles()?.findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') } ?: []
assert !xml.isEmpty() : "no surefire report in ${reports}: the generated project ran no test"
int tests = 0
int failed = 0
xml.each { f ->
    def suite = (f.getText('UTF-8') =~ /<testsuite[^>]*>/)[0]
    tests += ((suite =~ /\stests="(\d+)"/)[0][1]) as int
    failed += ((suite =~ /\sfailures="(\d+)"/)[0][1]) as int
    failed += ((suite =~ /\serrors="(\d+)"/)[0][1]) as int
}
assert tests > 0 : "the generated project's surefire reports count 0 tests"
assert failed == 0 : "${failed} of the generated project's ${tests} tests failed"
def names = xml.collect { it.name }
assert names.any { it.contains('WidgetDriverTest') } : "WidgetDriverTest did not run: ${names}"
def deviceClass = new File(generated, 'deploy/deviceclass.yaml').getText('UTF-8')
assert deviceClass.contains('device.driver == "widget-driver.example.com"') : "the default driverName was not applied:\n${deviceClass}"
assert new File(generated, 'src/test/resources/fixtures/node/sys/class/widget/widget0/model').isFile() : 'the default deviceKind was not applied'
println "generated project: ${tests} tests in ${xml.size()} classes passed"
return true
