"""The floor: the least a Reflex event can cost on this machine, one counter and one handler."""

import reflex as rx


class CounterState(rx.State):
    count: int = 0

    @rx.event
    def increment(self):
        self.count += 1


def index() -> rx.Component:
    return rx.button(CounterState.count, on_click=CounterState.increment)


app = rx.App()
app.add_page(index)
