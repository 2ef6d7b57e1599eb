import ArgumentParser
import StalenessSimulation

extension LogColumn: ExpressibleByArgument {}
extension LogLayout: ExpressibleByArgument {}
extension DistributionFile.DelaySource: ExpressibleByArgument {}
