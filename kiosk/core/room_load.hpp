#pragma once
// Seats taken per (round, room): the input room assignment works against.

#include <map>
#include <string>
#include <utility>

namespace einlass::core {

class RoomLoad {
 public:
  int taken(int round, const std::string& room_id) const {
    const auto it = seats_.find({round, room_id});
    return it == seats_.end() ? 0 : it->second;
  }
  void add(int round, const std::string& room_id, int seats = 1) {
    seats_[{round, room_id}] += seats;
  }
  void remove(int round, const std::string& room_id, int seats = 1) {
    seats_[{round, room_id}] -= seats;
  }

 private:
  std::map<std::pair<int, std::string>, int> seats_;
};

}  // namespace einlass::core
